import type { APIRoute, GetStaticPaths } from 'astro';
import type { Edition } from '../../../content/schemas/edition.ts';
import type { Program, Session } from '../../../content/schemas/program.ts';
import type { Locale } from '../i18n/locales.ts';
import { loadCurrentEdition } from './current-edition.ts';
import { loadSiteProgram } from './program.ts';
import { frabSchedule } from './schedule/frab-json.ts';
import { frabScheduleXml } from './schedule/frab-xml.ts';
import { programCalendar, sessionsCalendar } from './schedule/icalendar.ts';
import type { ScheduleOptions } from './schedule/schedule-context.ts';

/**
 * DTSTAMP of the calendars: SOURCE_DATE_EPOCH, the reproducible-builds convention (CI sets it to the
 * last commit's time), or else the Unix epoch. Never the clock: the same input builds the same file.
 */
function calendarStamp(): Date {
  const seconds = Number(process.env.SOURCE_DATE_EPOCH);
  return new Date(Number.isSafeInteger(seconds) && seconds > 0 ? seconds * 1000 : 0);
}

const scheduleFormats = {
  json: {
    contentType: 'application/json; charset=utf-8',
    render: (program: Program, edition: Edition, options: ScheduleOptions) =>
      `${JSON.stringify(frabSchedule(program, edition, options), null, 2)}\n`,
  },
  xml: { contentType: 'application/xml; charset=utf-8', render: frabScheduleXml },
  ics: {
    contentType: 'text/calendar; charset=utf-8',
    render: (program: Program, edition: Edition, options: ScheduleOptions) =>
      programCalendar(program, edition, { ...options, stamp: calendarStamp() }),
  },
};

function siteOrigin(site: URL | undefined): URL {
  if (!site) throw new Error('site/astro.config.ts must set `site`: the schedule exports use absolute URLs');
  return site;
}

/** GET of /schedule.json, .xml or .ics (and /zh/…): the whole program in one language. */
export function scheduleRoute(locale: Locale, format: keyof typeof scheduleFormats): APIRoute {
  const { contentType, render } = scheduleFormats[format];
  return async ({ site }) => {
    const [program, edition] = await Promise.all([loadSiteProgram(), loadCurrentEdition()]);
    return new Response(render(program, edition, { locale, siteUrl: siteOrigin(site) }), {
      headers: { 'content-type': contentType },
    });
  };
}

/** One /program/<id>.ics per session. */
export const sessionCalendarPaths = (async () =>
  (await loadSiteProgram()).sessions.map((session) => ({
    params: { id: session.id },
    props: { session },
  }))) satisfies GetStaticPaths;

/** GET of /program/<id>.ics (and /zh/…): a calendar with that one session, to add it to one's own. */
export function sessionCalendarRoute(locale: Locale): APIRoute<{ session: Session }> {
  return async ({ props, site }) => {
    const [program, edition] = await Promise.all([loadSiteProgram(), loadCurrentEdition()]);
    const options = { locale, siteUrl: siteOrigin(site), stamp: calendarStamp() };
    return new Response(sessionsCalendar(program, edition, [props.session], options), {
      headers: { 'content-type': scheduleFormats.ics.contentType },
    });
  };
}
