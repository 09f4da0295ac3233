/**
 * The simulator's test cards (src/psp-sim/sim.tokens.ts). A real shop gets a token from its PSP's card
 * form (Stripe Elements, …) and never sees card numbers; this demo offers the simulator's tokens instead.
 */
export const SIM_TOKENS = ['tok_visa', 'tok_3ds', 'tok_declined', 'tok_insufficient_funds', 'tok_pending', 'tok_timeout', 'tok_psp_unavailable'] as const;
export type SimToken = (typeof SIM_TOKENS)[number];
