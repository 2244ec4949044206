/**
 * Answers to the full list of files, in memory. Reads only the package's own
 * templates, firmware sources and, when asked, a user's CA file.
 */
import { defaultCaRoots, readCaFile } from '../catalogue/ca-roots.js';
import { answersFileContent, answersJsonSchema } from '../config/answers-file.js';
import type { Answers } from '../config/answers-schema.js';
import { buildProjectModel, type ProjectModel } from '../model/project-model.js';
import { collectLibraryFiles, collectSensorFiles, loadTemplates, renderProject, type GeneratedFile } from '../render/render-project.js';

export interface GeneratedProject {
  model: ProjectModel;
  files: GeneratedFile[];
}

/** `projectDir` only shapes the answers file's relative paths; nothing is written. */
export function generateFiles(answers: Answers, projectDir?: string): GeneratedProject {
  const roots = answers.caFile ? readCaFile(answers.caFile) : defaultCaRoots();
  const model = buildProjectModel(answers, { caPem: roots.map((root) => root.pem.trimEnd() + '\n').join('') });
  const files = [
    ...renderProject(model, loadTemplates(), answersFileContent(answers, projectDir), answersJsonSchema()),
    ...collectLibraryFiles(model.target.id),
    ...collectSensorFiles(model.sensorFiles),
  ].sort((a, b) => a.path.localeCompare(b.path));
  return { model, files };
}
