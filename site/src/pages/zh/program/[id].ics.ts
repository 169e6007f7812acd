import { sessionCalendarPaths, sessionCalendarRoute } from '../../../lib/schedule-routes.ts';

export const getStaticPaths = sessionCalendarPaths;
export const GET = sessionCalendarRoute('zh');
