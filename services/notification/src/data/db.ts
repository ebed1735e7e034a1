import type { Prisma, PrismaClient } from '../../generated/prisma';

export type { PrismaClient };
/** A transaction client: what repositories are bound to inside a unit of work. */
export type Tx = Prisma.TransactionClient;
