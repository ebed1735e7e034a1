import { runServiceMain } from '@plh/service-kit';
import { tenantService } from './service';

runServiceMain(tenantService);
