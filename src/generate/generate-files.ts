/**
 * Answers to the full list of files, in memory. Reads only the package's own
 * templates, firmware sources and, when asked, a user's CA file.
 */
import { defaultCaRoots, readCaFile } from '../catalogue/ca-roots.js';
import { answersFileContent, publishedAnswersJsonSchema } from '../config/answers-file.js';
import type { Answers } from '../config/answers-schema.js';
import { buildProjectModel, type ProjectModel } from '../model/project-model.js';
import { collectLibraryFiles, collectSensorFiles, loadTemplates, renderProject, type GeneratedFile } from '../render/render-project.js';
import { libraryFiles } from './formats/library.js';
import { sketchFiles } from './formats/sketch.js';
import { renderSnippet, type Snippet } from './formats/snippet.js';
import { comparePaths } from '../compare-paths.js';

export interface GeneratedProject {
  model: ProjectModel;
  files: GeneratedFile[];
}

function modelOf(answers: Answers): ProjectModel {
  const roots = answers.caFile ? readCaFile(answers.caFile) : defaultCaRoots();
  // A flash buffer needs the flash layout platformio.ini sets; a sketch, HarborClient and the library buffer in RAM.
  const storage = answers.format === 'project' ? answers : { ...answers, storage: 'ram' as const };
  return buildProjectModel(storage, { caPem: roots.map((root) => root.pem.trimEnd() + '\n').join('') });
}

/**
 * A project's or a sketch's folder, or the library's (under its own name, to
 * be zipped). `projectDir` shapes the answers file's relative paths and names
 * the sketch; nothing is written.
 */
export function generateFiles(answers: Answers, projectDir?: string): GeneratedProject {
  const model = modelOf(answers);
  const templates = loadTemplates();
  let files: GeneratedFile[];
  switch (answers.format) {
    case 'sketch':
      files = sketchFiles(model, templates, projectDir ?? defaultOut(answers), answersFileContent(answers, projectDir), publishedAnswersJsonSchema());
      break;
    case 'library':
      files = libraryFiles(model, templates);
      break;
    default:
      files = [
        ...renderProject(model, templates, answersFileContent(answers, projectDir), publishedAnswersJsonSchema()),
        ...collectLibraryFiles(model.target.id),
        ...collectSensorFiles(model.sensorFiles),
      ];
  }
  return { model, files: files.sort((a, b) => comparePaths(a.path, b.path)) };
}

/** The snippet's text and its secrets file. */
export function generateSnippet(answers: Answers): { model: ProjectModel; snippet: Snippet } {
  const model = modelOf(answers);
  return { model, snippet: renderSnippet(model, loadTemplates()) };
}

/** Where init writes when --out is not given. */
export function defaultOut(answers: Answers): string {
  switch (answers.format) {
    case 'sketch':
      // A sketch name allows no other characters than these (sketch.ts).
      return `harbor_${answers.board.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    case 'library':
      return 'HarborConnect.zip';
    default:
      return `harbor-${answers.board}`;
  }
}
