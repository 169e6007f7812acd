import type { RequestLocale } from './model.ts';
import { departmentNames, type Service, type ServiceAttribute } from './services.ts';

/** One entry of GeoReport v2's services.json (wiki.open311.org/GeoReport_v2#GET_Service_List). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  /** Whether services/{service_code}.json has attributes to ask. */
  metadata: boolean;
  /** Every request gets its id at once: no tokens to trade in later. */
  type: 'realtime';
  /** Comma separated, as the spec writes them. */
  keywords: string;
  group: string;
}

export interface Open311Attribute {
  variable: true;
  code: string;
  datatype: ServiceAttribute['datatype'];
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** GeoReport v2's service definition (services/{service_code}.json). */
export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export function open311Service(service: Service, locale: RequestLocale): Open311Service {
  return {
    service_code: service.code,
    service_name: service.name[locale],
    description: service.description[locale],
    metadata: service.attributes.length > 0,
    type: 'realtime',
    keywords: service.keywords[locale].join(', '),
    group: departmentNames[service.department][locale],
  };
}

const listHint = { en: 'Choose one.', zh: '请选择一项。' };
const multiListHint = { en: 'Choose any that apply.', zh: '可多选。' };

export function open311ServiceDefinition(service: Service, locale: RequestLocale): Open311ServiceDefinition {
  return {
    service_code: service.code,
    attributes: service.attributes.map((attribute, index) => ({
      variable: true,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.required,
      datatype_description:
        attribute.datatype === 'singlevaluelist'
          ? listHint[locale]
          : attribute.datatype === 'multivaluelist'
            ? multiListHint[locale]
            : null,
      order: index + 1,
      description: attribute.description[locale],
      ...(attribute.values
        ? { values: attribute.values.map((value) => ({ key: value.key, name: value.name[locale] })) }
        : {}),
    })),
  };
}
