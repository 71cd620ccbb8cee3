// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      /** Set for an unexpected error (a bug, not an API answer): the user can quote it to support. */
      id?: string;
    }
  }
}

export {};
