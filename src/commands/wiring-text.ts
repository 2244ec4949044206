/**
 * The wiring of a project's sensors as plain text for the terminal, printed
 * at the end of init (the wizard's last screen): what the generated README's
 * wiring tables say, one block per sensor.
 */
import type { ProjectModel } from '../model/project-model.js';

export function wiringText(model: Pick<ProjectModel, 'sensors'>): string[] {
  const lines: string[] = [];
  for (const sensor of model.sensors) {
    lines.push(`Wire the ${sensor.title} (${sensor.label}), powered from ${sensor.supply}:`);
    const width = Math.max(...sensor.wiring.map((row) => row.sensorPin.length));
    for (const row of sensor.wiring) lines.push(`  ${row.sensorPin.padEnd(width)}  to  ${row.boardPin}`);
    for (const note of sensor.notes) lines.push(`  ${note}`);
  }
  return lines;
}
