import { runServiceMain } from '@plh/service-kit';
import { coreService } from './service';

runServiceMain(coreService);
