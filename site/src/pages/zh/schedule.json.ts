import { scheduleRoute } from '../../lib/schedule-routes.ts';

export const GET = scheduleRoute('zh', 'json');
