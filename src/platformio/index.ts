export { buildProject, type BuildResult } from './build-project.js';
export { findPlatformIO, platformIOCandidates, platformIOMissingError } from './find-platformio.js';
export { flashProject, type FlashResult } from './flash-project.js';
export {
  listSerialPorts,
  suggestSerialPort,
  UsbIdSchema,
  type ListSerialPortsOptions,
  type PortSuggestion,
  type SerialPort,
  type UsbId,
} from './list-serial-ports.js';
export { monitorProject, type MonitorOptions } from './monitor-project.js';
export type { MemoryUsage } from './pio-output.js';
export { HARBOR_DIR, pioLogPath, type PioRunOptions } from './run-pio.js';
