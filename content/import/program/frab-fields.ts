import type { KnownFields } from './schedule-reading.ts';

/** Why fields the frab formats (JSON and XML) carry are left out; null marks the fields the portal reads. */

const images = 'images are not imported';
const ownIds = "the portal makes its own ids (from the export's guid)";
const fromSessions = "the days follow from the sessions' start instants";

export const scheduleFields: KnownFields = {
  $schema: null,
  generator: null,
  schedule: null,
  version: null,
  base_url: null,
  conference: null,
  url: "the schedule's own address is not kept",
};

export const conferenceFields: KnownFields = {
  acronym: null,
  title: null,
  start: null,
  end: null,
  time_zone_name: null,
  url: null,
  rooms: null,
  tracks: null,
  track: null,
  days: null,
  base_url: null,
  daysCount: fromSessions,
  timeslot_duration: "the portal's program grid has its own time slot",
  logo: images,
  colors: 'the portal keeps its own colours',
  color: 'the portal keeps its own colours',
  keywords: 'keywords are not shown',
  description: "the edition's description is written by hand",
  meta: 'export metadata is not shown',
  languages: "each session's language is imported instead",
  defaults: 'display defaults of conference apps are not used',
  '@type': 'a type marker with nothing to import',
};

export const dayFields: KnownFields = {
  index: fromSessions,
  date: fromSessions,
  day_start: fromSessions,
  day_end: fromSessions,
  start: fromSessions,
  end: fromSessions,
  rooms: null,
  room: null,
};

export const roomFields: KnownFields = {
  name: null,
  guid: null,
  capacity: null,
  slug: ownIds,
  type: 'room types are not imported',
  stream_id: 'the portal does not stream',
  description: 'room descriptions are not imported (rooms.yaml gives each room its location)',
  url: "the room's page at the source is not linked",
  features: 'recording and streaming features are not imported',
  assembly: 'room groupings are not imported',
  parent: 'room groupings are not imported',
};

export const trackFields: KnownFields = {
  name: null,
  color: null,
  slug: ownIds,
  guid: ownIds,
  colors: null,
  type: 'track kinds are not imported',
};

export const eventFields: KnownFields = {
  guid: null,
  id: null,
  code: null,
  date: null,
  duration: null,
  end: null,
  room: null,
  url: null,
  title: null,
  subtitle: null,
  track: null,
  type: null,
  language: null,
  abstract: null,
  description: null,
  recording_license: null,
  do_not_record: null,
  recording: null,
  persons: null,
  links: null,
  start: 'the start is read from date, which carries the offset',
  slug: ownIds,
  logo: images,
  image: images,
  attachments: 'attached files are not imported',
  answers: 'answers to pretalx questions are not published',
  feedback_url: 'the portal has no feedback form for sessions',
  origin_url: "the session's page is taken from url",
  do_not_stream: 'the portal does not stream',
  video_download_url: 'recordings are not imported',
};

export const personFields: KnownFields = {
  name: null,
  public_name: null,
  full_public_name: null,
  guid: null,
  id: null,
  code: null,
  biography: null,
  avatar: images,
  image: images,
  answers: 'answers to pretalx questions are not published',
  url: "speakers' pages at the source are not linked",
  links: "speakers' links are not imported",
};

export const linkFields: KnownFields = {
  url: null,
  href: null,
  title: null,
  type: null,
  service: 'the hosting service of a link is not shown',
};
