import { runServiceMain } from '@plh/service-kit';
import { proofEngineService } from './service';

runServiceMain(proofEngineService);
