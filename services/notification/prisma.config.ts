import { prismaCliConfig } from '@plh/db';
import { defineConfig } from 'prisma/config';

export default defineConfig(prismaCliConfig(__dirname));
