import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createCatalogAnnotateAction } from './createCatalogAnnotateAction';

const CATALOG_INFO = `# podinfo's catalog entry
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: podinfo
  annotations:
    backstage.io/kubernetes-id: podinfo # keep me
spec:
  type: service
  owner: team-podinfo
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: podinfo-api
spec:
  type: openapi
`;

describe('canary:catalog:annotate', () => {
  const workspace = createMockDirectory();
  const action = createCatalogAnnotateAction();

  beforeEach(() => {
    workspace.setContent({ 'catalog-info.yaml': CATALOG_INFO });
  });

  it('adds the annotation to the Component and keeps the rest of the file, comments included', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { canary: 'test/podinfo', filePath: 'catalog-info.yaml' },
    });
    await action.handler(ctx as any);

    const written = workspace.content()!['catalog-info.yaml'] as string;
    expect(written).toContain('vane.dev/canary: test/podinfo');
    expect(written).toContain('backstage.io/kubernetes-id: podinfo # keep me');
    expect(written).toContain("# podinfo's catalog entry");
    expect(written).toContain('name: podinfo-api');
    expect(ctx.output).toHaveBeenCalledWith('annotation', 'test/podinfo');
  });

  it('merges with Canaries already named, without duplicates', async () => {
    workspace.setContent({
      'catalog-info.yaml': CATALOG_INFO.replace(
        '    backstage.io/kubernetes-id: podinfo # keep me',
        '    vane.dev/canary: test/podinfo',
      ),
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        canary: 'test/podinfo,test/podinfo-api',
        filePath: 'catalog-info.yaml',
      },
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'annotation',
      'test/podinfo,test/podinfo-api',
    );
  });

  it('annotates the entity named by entityRef', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        canary: 'test/podinfo',
        entityRef: 'api:default/podinfo-api',
        filePath: 'catalog-info.yaml',
      },
    });
    await action.handler(ctx as any);
    const [component, api] = (
      workspace.content()!['catalog-info.yaml'] as string
    ).split('---');
    expect(component).not.toContain('vane.dev/canary');
    expect(api).toContain('vane.dev/canary: test/podinfo');
  });

  it.each([
    [
      { canary: 'podinfo' },
      'canary: vane.dev/canary: "podinfo" must have the form <namespace>/<name>',
    ],
    [
      { canary: 'test/podinfo', filePath: 'missing.yaml' },
      'filePath: missing.yaml does not exist in the workspace',
    ],
    [
      { canary: 'test/podinfo', entityRef: 'component:default/other' },
      'entityRef: component:default/other is not described in catalog-info.yaml',
    ],
  ])(
    'refuses %j with a field-level error and leaves the file as it was',
    async (input, message) => {
      const ctx = createMockActionContext({
        workspacePath: workspace.path,
        input: { filePath: 'catalog-info.yaml', ...input },
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(message);
      expect(workspace.content()!['catalog-info.yaml']).toBe(CATALOG_INFO);
    },
  );

  it('refuses a path that leaves the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { canary: 'test/podinfo', filePath: '../../etc/passwd' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /outside|not allowed/i,
    );
  });
});
