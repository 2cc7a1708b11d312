import { parseWebhookPayload } from './parseWebhookPayload';

describe('parseWebhookPayload', () => {
  it("reads the payload Flagger's engine sends, metadata included", () => {
    expect(
      parseWebhookPayload(
        JSON.stringify({
          name: 'podinfo',
          namespace: 'test',
          phase: 'Progressing',
          checksum: 'abc',
          metadata: { type: 'bash', cmd: 'curl http://podinfo-canary:9898/' },
        }),
      ),
    ).toEqual({
      name: 'podinfo',
      namespace: 'test',
      phase: 'Progressing',
      checksum: 'abc',
      metadata: { type: 'bash', cmd: 'curl http://podinfo-canary:9898/' },
    });
  });

  it('accepts what Go accepts: the docs\' `curl -d` body, keys in any case, unknown keys, null', () => {
    expect(parseWebhookPayload('{"name": "podinfo","namespace":"test"}')).toMatchObject({
      name: 'podinfo',
      namespace: 'test',
      metadata: {},
    });
    expect(parseWebhookPayload('{"Name":"podinfo","NAMESPACE":"test","extra":[1]}')).toMatchObject({
      name: 'podinfo',
      namespace: 'test',
    });
    expect(parseWebhookPayload('null')).toEqual({
      name: '',
      namespace: '',
      phase: '',
      checksum: '',
      metadata: {},
    });
    expect(parseWebhookPayload('{"name":null,"metadata":{"cmd":null}}')).toMatchObject({
      name: '',
      metadata: { cmd: '' },
    });
  });

  it('refuses what Go refuses, with its message', () => {
    expect(() => parseWebhookPayload('')).toThrow('unexpected end of JSON input');
    expect(() => parseWebhookPayload('{"name":')).toThrow('invalid JSON');
    expect(() => parseWebhookPayload('[]')).toThrow(
      'json: cannot unmarshal array into Go value of type v1beta1.CanaryWebhookPayload',
    );
    expect(() => parseWebhookPayload('{"name":5}')).toThrow(
      'json: cannot unmarshal number into Go struct field CanaryWebhookPayload.name of type string',
    );
    expect(() => parseWebhookPayload('{"metadata":{"retries":3}}')).toThrow(
      'CanaryWebhookPayload.metadata.retries of type string',
    );
  });
});
