// A compile-time check that two types are the same shape: an operation's declared answer
// (`z.output` of its schema) and the type its command returns. Used as
// `const same: Same<z.output<typeof answer>, Returned> = true;` — a difference does not compile.
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
