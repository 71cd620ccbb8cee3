// The two functions of workerd's node:zlib (nodejs_compat) the ledger uses. The Worker's types do
// not include @types/node, whose globals would hide the Workers ones.
declare module "node:zlib" {
  export function deflateRawSync(data: Uint8Array, options?: { level?: number }): Uint8Array;
  export function inflateRawSync(data: Uint8Array): Uint8Array;
}
