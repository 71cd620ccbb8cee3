// Leads for the CRM benches: distinct people, and the same person written in several ways.

export interface Lead {
  name: string;
  phone: string;
  email: string;
}

/** Person n (0…9,999,999) with a Russian mobile number and an email of their own. */
export function person(n: number, tag: string): Lead {
  const digits = `9${tag.slice(0, 2)}${String(n).padStart(7, "0")}`;
  return { name: `Person ${n}`, phone: `+7${digits}`, email: `p${n}-${tag}@bench.example` };
}

/** The same lead as a form might send it on the `k`-th delivery: other phone and email spellings. */
export function writtenAs(lead: Lead, k: number): Lead {
  const d = lead.phone.slice(2);
  const phones = [lead.phone, `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`, `+7 ${d.slice(0, 3)} ${d.slice(3)}`, d];
  const emails = [lead.email, lead.email.toUpperCase(), `  ${lead.email} `];
  return { name: lead.name, phone: phones[k % phones.length], email: emails[k % emails.length] };
}

/** A short random tag so contacts of one bench run never collide with another's. */
export const runTag = () => String(Math.floor(Math.random() * 90) + 10);
