import { istioServerHostSelects } from './istioServerHostSelects';

describe('istioServerHostSelects', () => {
  it('without a namespace prefix, selects VirtualServices of any namespace', () => {
    expect(istioServerHostSelects('*', 'istio-system', 'test', 'app.example.com')).toBe(true);
    expect(istioServerHostSelects('app.example.com', 'istio-system', 'test', 'app.example.com')).toBe(true);
  });

  it('"*/" selects any namespace, "name/" only that one', () => {
    expect(istioServerHostSelects('*/app.example.com', 'istio-system', 'test', 'app.example.com')).toBe(true);
    expect(istioServerHostSelects('test/*', 'istio-system', 'test', 'app.example.com')).toBe(true);
    expect(istioServerHostSelects('prod/*', 'istio-system', 'test', 'app.example.com')).toBe(false);
  });

  it('"./" selects only VirtualServices of the Gateway\'s own namespace', () => {
    expect(istioServerHostSelects('./*', 'test', 'test', 'app.example.com')).toBe(true);
    expect(istioServerHostSelects('./*', 'istio-system', 'test', 'app.example.com')).toBe(false);
  });

  it('matches the dnsName with the wildcard rules', () => {
    expect(istioServerHostSelects('prod/*.example.com', 'istio-system', 'prod', 'dev.example.com')).toBe(true);
    expect(istioServerHostSelects('prod/*.example.com', 'istio-system', 'prod', 'example.com')).toBe(false);
  });
});
