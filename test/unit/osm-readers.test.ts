import { describe, expect, it } from 'vitest';
import { mapVenue } from '../../content/import/venues/map-venue.ts';
import { readOsmFile } from '../../content/import/venues/read-osm-file.ts';

const place = (text: string) => readOsmFile(text, 'test.json').elements.map((element) => element.locate());

describe('OSM readers, beyond the fixture', () => {
  it('place a way from Overpass "out center" when its nodes are not in the file', () => {
    const json = JSON.stringify({
      version: 0.6,
      elements: [
        {
          type: 'way',
          id: 5,
          nodes: [1, 2, 3],
          center: { lat: 30.745, lon: 120.49 },
          tags: { amenity: 'cafe' },
        },
      ],
    });
    expect(place(json)).toEqual([{ lat: 30.745, lon: 120.49, precision: 'approximate' }]);
  });

  it('place a way from the nodes the file has, and note the missing ones', () => {
    const xml = `<osm version="0.6">
      <node id="1" lat="30.74" lon="120.49"/><node id="2" lat="30.74" lon="120.50"/>
      <way id="7"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="amenity" v="cafe"/></way>
    </osm>`;
    const file = readOsmFile(xml, 'test.osm');
    expect(file.elements.map((element) => element.locate())).toEqual([
      { lat: 30.74, lon: 120.495, precision: 'approximate' },
    ]);
    expect(file.notes).toEqual(['way 7: 1 of its 3 nodes not in the file; placed from the others']);
  });

  it('leave out what JOSM marks deleted, and skip objects not uploaded yet (negative ids)', () => {
    const xml = `<osm version="0.6" generator="JOSM">
      <node id="1" action="delete" lat="30.74" lon="120.49"><tag k="amenity" v="cafe"/><tag k="name" v="Gone"/></node>
      <node id="-3" action="modify" lat="30.74" lon="120.49"><tag k="amenity" v="cafe"/><tag k="name" v="New"/></node>
    </osm>`;
    const [element, ...others] = readOsmFile(xml, 'test.osm').elements;
    expect(others).toEqual([]);
    expect(element && mapVenue(element, { today: '2026-12-01' })).toEqual({
      skip: 'not uploaded to OpenStreetMap yet (negative id)',
    });
  });

  it('refuse an osmChange file and a relation none of whose members is in the file', () => {
    expect(() => readOsmFile('<osmChange version="0.6"><create/></osmChange>', 'diff.osc')).toThrow(
      'diff.osc: an osmChange file (a diff of edits), not OSM data',
    );
    const json = JSON.stringify({
      version: 0.6,
      elements: [
        { type: 'relation', id: 9, members: [{ type: 'way', ref: 4, role: 'outer' }], tags: { a: 'b' } },
      ],
    });
    expect(() => place(json)).toThrow('test.json: relation 9: none of its 1 members is in the file');
  });
});
