import { z } from 'zod';

/** Checkout sells the self-serve plans; Enterprise is by contract. */
export const CheckoutBody = z.object({ plan: z.enum(['pro', 'business']) }).strict();
