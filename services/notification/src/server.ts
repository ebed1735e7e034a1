import { runServiceMain } from '@plh/service-kit';
import { notificationService } from './service';

runServiceMain(notificationService);
