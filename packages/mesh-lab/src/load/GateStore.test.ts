import { GateStore } from './GateStore';

describe('GateStore', () => {
  const podinfo = { name: 'podinfo', namespace: 'test' };

  it('keeps every gate closed until it is opened, as flagger-loadtester does', () => {
    const gates = new GateStore();
    expect(gates.isOpen('gate', podinfo)).toBe(false);
    expect(gates.isOpen('rollback', podinfo)).toBe(false);
  });

  it('opens and closes the gate of one Canary, keyed by its name and namespace', () => {
    const gates = new GateStore();
    gates.set('gate', podinfo, true);
    expect(gates.isOpen('gate', podinfo)).toBe(true);
    expect(gates.isOpen('gate', { name: 'podinfo', namespace: 'prod' })).toBe(false);
    expect(gates.isOpen('gate', { name: 'frontend', namespace: 'test' })).toBe(false);
    gates.set('gate', podinfo, false);
    expect(gates.isOpen('gate', podinfo)).toBe(false);
  });

  it('keeps the rollback switch apart from the promotion gate', () => {
    const gates = new GateStore();
    gates.set('rollback', podinfo, true);
    expect(gates.isOpen('rollback', podinfo)).toBe(true);
    expect(gates.isOpen('gate', podinfo)).toBe(false);
  });
});
