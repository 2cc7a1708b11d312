import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CANARY_ANNOTATIONS,
  parseCanaryAnnotation,
} from '@vane/plugin-canary-common';
import fs from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';

/**
 * `canary:catalog:annotate`: adds Canaries to the `vane.dev/canary` annotation of an entity in a
 * catalog-info.yaml of the workspace, keeping the file's other documents, fields and comments.
 */
export function createCatalogAnnotateAction() {
  return createTemplateAction({
    id: 'canary:catalog:annotate',
    description:
      'Adds the vane.dev/canary annotation (namespace/name of the Canary) to an entity in a catalog-info.yaml of the workspace',
    supportsDryRun: true,
    schema: {
      input: {
        canary: z =>
          z
            .string()
            .describe(
              'The Canary as <namespace>/<name>; several separated by commas',
            ),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'The entity to annotate when the file holds several; defaults to the only (or first) Component',
            ),
        filePath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('Path of the catalog file inside the workspace'),
      },
      output: {
        annotation: z =>
          z.string().describe('The annotation value after the change'),
        filePath: z => z.string().describe('The file that was changed'),
      },
    },
    async handler(ctx) {
      const { canary, entityRef, filePath } = ctx.input;
      let added;
      try {
        added = parseCanaryAnnotation(canary);
      } catch (error) {
        throw new InputError(`canary: ${(error as Error).message}`);
      }

      const path = resolveSafeChildPath(ctx.workspacePath, filePath);
      let text: string;
      try {
        text = await fs.readFile(path, 'utf8');
      } catch {
        throw new InputError(
          `filePath: ${filePath} does not exist in the workspace; fetch the entity's catalog file first (for example with fetch:plain)`,
        );
      }

      const documents = parseAllDocuments(text);
      for (const document of documents) {
        if (document.errors.length > 0) {
          throw new InputError(
            `filePath: ${filePath} is not valid YAML: ${document.errors[0].message}`,
          );
        }
      }
      const target = findEntityDocument(documents, entityRef);
      if (!target) {
        throw new InputError(
          entityRef
            ? `entityRef: ${entityRef} is not described in ${filePath}`
            : `filePath: ${filePath} holds no Component to annotate; pass entityRef`,
        );
      }

      const current = target.getIn([
        'metadata',
        'annotations',
        CANARY_ANNOTATIONS.canary,
      ]);
      let existing: ReturnType<typeof parseCanaryAnnotation> = [];
      if (typeof current === 'string' && current.trim()) {
        try {
          existing = parseCanaryAnnotation(current);
        } catch (error) {
          throw new InputError(
            `${filePath} already carries an invalid annotation: ${
              (error as Error).message
            }`,
          );
        }
      }
      const merged = [...existing];
      for (const ref of added) {
        if (
          !merged.some(
            m => m.namespace === ref.namespace && m.name === ref.name,
          )
        ) {
          merged.push(ref);
        }
      }
      const annotation = merged
        .map(ref => `${ref.namespace}/${ref.name}`)
        .join(',');
      target.setIn(
        ['metadata', 'annotations', CANARY_ANNOTATIONS.canary],
        annotation,
      );

      await fs.writeFile(
        path,
        documents.map(document => document.toString()).join(''),
        'utf8',
      );
      ctx.logger.info(
        `Annotated ${filePath} with ${CANARY_ANNOTATIONS.canary}: ${annotation}`,
      );
      ctx.output('annotation', annotation);
      ctx.output('filePath', filePath);
    },
  });
}

type YamlDocument = ReturnType<typeof parseAllDocuments>[number] & {
  getIn(path: unknown[]): unknown;
  setIn(path: unknown[], value: unknown): void;
};

function findEntityDocument(
  documents: ReturnType<typeof parseAllDocuments>,
  entityRef: string | undefined,
): YamlDocument | undefined {
  const entities = (documents as YamlDocument[]).filter(document => {
    const json = document.toJS();
    return json && typeof json === 'object' && json.kind && json.metadata;
  });
  if (!entityRef) {
    return (
      entities.find(d => String(d.get('kind')).toLowerCase() === 'component') ??
      undefined
    );
  }
  const wanted = stringifyEntityRef(
    parseEntityRef(entityRef, { defaultKind: 'component' }),
  );
  return entities.find(document => {
    const json = document.toJS();
    return (
      stringifyEntityRef({
        kind: json.kind,
        namespace: json.metadata.namespace ?? 'default',
        name: json.metadata.name,
      }) === wanted
    );
  });
}
