import { describe, expect, it } from 'vitest';
import {
  amapLink,
  baiduLink,
  bd09ToGcj02,
  gcj02ToBd09,
  gcj02ToWgs84,
  type LatLon,
  outOfChina,
  wgs84ToGcj02,
} from '../../functions/domain/map-coordinates.ts';

/** The reference pairs of the eviltransform project's tests: WGS-84, then GCJ-02. */
const references: Array<[string, LatLon, LatLon]> = [
  ['Shanghai', { lat: 31.1774276, lon: 121.5272106 }, { lat: 31.17530398364597, lon: 121.531541859215 }],
  ['Shenzhen', { lat: 22.543847, lon: 113.912316 }, { lat: 22.540796131694766, lon: 113.9171764808363 }],
  ['Beijing', { lat: 39.911954, lon: 116.377817 }, { lat: 39.91334545536069, lon: 116.38404722455657 }],
];

const wuzhen: LatLon = { lat: 30.7447, lon: 120.4992 };

/** Metres between two nearby points, on a sphere: plenty for a shift of a few hundred metres. */
function metresBetween(a: LatLon, b: LatLon): number {
  const metresPerDegree = 111_320;
  const dy = (b.lat - a.lat) * metresPerDegree;
  const dx = (b.lon - a.lon) * metresPerDegree * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

describe('wgs84ToGcj02', () => {
  it.each(references)('matches the published reference value in %s', (_, wgs, gcj) => {
    const result = wgs84ToGcj02(wgs);
    expect(result.lat).toBeCloseTo(gcj.lat, 9);
    expect(result.lon).toBeCloseTo(gcj.lon, 9);
  });

  it('shifts Wuzhen by about 500 metres, to the south-east', () => {
    const shifted = wgs84ToGcj02(wuzhen);
    const distance = metresBetween(wuzhen, shifted);
    expect(distance).toBeGreaterThan(400);
    expect(distance).toBeLessThan(600);
    expect(shifted.lat).toBeLessThan(wuzhen.lat);
    expect(shifted.lon).toBeGreaterThan(wuzhen.lon);
  });

  it.each([
    ['London', { lat: 51.5072, lon: -0.1276 }],
    ['Tokyo', { lat: 35.6762, lon: 139.6503 }],
    ['Sydney', { lat: -33.8688, lon: 151.2093 }],
  ])('leaves %s, outside China, unchanged', (_, point) => {
    expect(outOfChina(point)).toBe(true);
    expect(wgs84ToGcj02(point)).toEqual(point);
  });

  it('is undone by gcj02ToWgs84 to well under a millimetre', () => {
    for (const [, wgs, gcj] of references) {
      const back = gcj02ToWgs84(gcj);
      expect(metresBetween(back, wgs)).toBeLessThan(0.001);
    }
    expect(metresBetween(gcj02ToWgs84(wgs84ToGcj02(wuzhen)), wuzhen)).toBeLessThan(0.001);
  });
});

describe('gcj02ToBd09', () => {
  it('adds Baidu’s offset of about 0.006° north and 0.0065° east', () => {
    const gcj = wgs84ToGcj02(wuzhen);
    const bd = gcj02ToBd09(gcj);
    expect(bd.lat - gcj.lat).toBeGreaterThan(0.005);
    expect(bd.lat - gcj.lat).toBeLessThan(0.008);
    expect(bd.lon - gcj.lon).toBeGreaterThan(0.005);
    expect(bd.lon - gcj.lon).toBeLessThan(0.008);
  });

  it('matches the widely quoted Tiananmen example', () => {
    const bd = gcj02ToBd09({ lat: 39.915, lon: 116.404 });
    expect(bd.lat).toBeCloseTo(39.921337, 5);
    expect(bd.lon).toBeCloseTo(116.410369, 5);
  });

  it('is undone by bd09ToGcj02 to within a metre', () => {
    for (const [, , gcj] of references)
      expect(metresBetween(bd09ToGcj02(gcj02ToBd09(gcj)), gcj)).toBeLessThan(1);
  });
});

describe('map links', () => {
  const marker = { location: wuzhen, name: 'Fengyuan 餐厅 & Co', address: '浙江省桐乡市乌镇' };

  it('opens an Amap marker at the GCJ-02 position, longitude first', () => {
    const url = new URL(amapLink(marker));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    const gcj = wgs84ToGcj02(wuzhen);
    expect(url.searchParams.get('position')).toBe(`${gcj.lon.toFixed(6)},${gcj.lat.toFixed(6)}`);
    expect(url.searchParams.get('name')).toBe(marker.name);
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(amapLink(marker)).not.toContain('+');
  });

  it('opens a Baidu marker at the BD-09 position, latitude first', () => {
    const url = new URL(baiduLink(marker));
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/marker');
    const bd = gcj02ToBd09(wgs84ToGcj02(wuzhen));
    expect(url.searchParams.get('location')).toBe(`${bd.lat.toFixed(6)},${bd.lon.toFixed(6)}`);
    expect(url.searchParams.get('title')).toBe(marker.name);
    expect(url.searchParams.get('content')).toBe(marker.address);
    expect(url.searchParams.get('output')).toBe('html');
    expect(url.searchParams.get('coord_type')).toBe('bd09ll');
  });

  it('leaves out the Baidu content when there is no address', () => {
    expect(new URL(baiduLink({ location: wuzhen, name: 'X' })).searchParams.has('content')).toBe(false);
  });
});
