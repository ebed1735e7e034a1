import { runServiceMain } from '@plh/service-kit';
import { complianceService } from './service';

runServiceMain(complianceService);
