/**
 * Every sensor kind harbor-connect can wire, from the component folders next
 * to this file. Adding a sensor family is a new folder and one line here.
 */
import { didYouMean } from '../did-you-mean.js';
import type { SensorKind } from './component.js';
import { KINDS as ADXL345 } from './adxl345/index.js';
import { KINDS as ADS1115 } from './ads1115/index.js';
import { KINDS as AHT } from './aht/index.js';
import { KINDS as ANALOG_PROBES } from './analog_probes/index.js';
import { KINDS as BH1750 } from './bh1750/index.js';
import { KINDS as BOSCH } from './bme280/index.js';
import { KINDS as CCS811 } from './ccs811/index.js';
import { KINDS as BME680 } from './bme680/index.js';
import { KINDS as BMP3 } from './bmp3/index.js';
import { KINDS as DHT } from './dht/index.js';
import { KINDS as DIGITAL_INPUT } from './digital_input/index.js';
import { KINDS as DS18B20 } from './ds18b20/index.js';
import { KINDS as GPS } from './gps/index.js';
import { KINDS as HDC1080 } from './hdc1080/index.js';
import { KINDS as ENS160 } from './ens160/index.js';
import { KINDS as HTU21D } from './htu21d/index.js';
import { KINDS as HX711 } from './hx711/index.js';
import { KINDS as INA2XX } from './ina2xx/index.js';
import { KINDS as LTR390 } from './ltr390/index.js';
import { KINDS as MCP9808 } from './mcp9808/index.js';
import { KINDS as WINSEN } from './mhz19/index.js';
import { KINDS as INVENSENSE } from './mpu6050/index.js';
import { KINDS as PLANTOWER } from './pms/index.js';
import { KINDS as PULSE_COUNTER } from './pulse_counter/index.js';
import { KINDS as PEACEFAIR } from './pzem/index.js';
import { KINDS as SCD30 } from './scd30/index.js';
import { KINDS as SCD4X } from './scd4x/index.js';
import { KINDS as NOVA } from './sds011/index.js';
import { KINDS as SGP } from './sgp/index.js';
import { KINDS as SHT } from './sht/index.js';
import { KINDS as SPS30 } from './sps30/index.js';
import { KINDS as TMP117 } from './tmp117/index.js';
import { KINDS as TSL2561 } from './tsl2561/index.js';
import { KINDS as TSL2591 } from './tsl2591/index.js';
import { KINDS as ULTRASONIC } from './ultrasonic/index.js';
import { KINDS as VL53 } from './vl53/index.js';
import { KINDS as VEML7700 } from './veml7700/index.js';

export type * from './component.js';

export const SENSOR_KINDS: readonly SensorKind[] = [...BOSCH, ...AHT, ...BH1750, ...SHT, ...SCD4X, ...DS18B20, ...VEML7700, ...SCD30, ...PLANTOWER, ...HTU21D, ...PULSE_COUNTER, ...NOVA, ...MCP9808, ...TSL2561, ...TMP117, ...WINSEN, ...HDC1080, ...ANALOG_PROBES, ...PEACEFAIR, ...SGP, ...DHT, ...BMP3, ...HX711, ...GPS, ...SPS30, ...ULTRASONIC, ...INVENSENSE, ...TSL2591, ...DIGITAL_INPUT, ...BME680, ...LTR390, ...ADXL345, ...ENS160, ...INA2XX, ...CCS811, ...VL53, ...ADS1115];

export const SENSOR_KIND_IDS: readonly string[] = SENSOR_KINDS.map((k) => k.kind);

export function findSensorKind(kind: string): SensorKind | undefined {
  return SENSOR_KINDS.find((k) => k.kind === kind);
}

/** "'bme820' is not a sensor kind: did you mean bme280?" or the list of kinds. */
export function unknownSensorMessage(kind: string): string {
  const near = didYouMean(kind, SENSOR_KIND_IDS);
  return `'${kind}' is not a sensor kind: ${near || `harbor-connect sensors lists them`}`;
}
