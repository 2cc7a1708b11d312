import { findFailedSamples } from './findFailedSamples';

describe('findFailedSamples', () => {
  const series: Array<[number, number]> = [
    [100, 100],
    [110, 99],
    [120, 97.5],
    [130, 99.5],
    [140, 12],
  ];

  it('marks samples below min, the bound itself passing', () => {
    expect(findFailedSamples(series, { min: 99 })).toEqual([120, 140]);
  });

  it('marks samples above max', () => {
    expect(findFailedSamples(series, { max: 99.5 })).toEqual([100]);
  });

  it('marks samples outside a min..max range', () => {
    expect(findFailedSamples(series, { min: 50, max: 99.5 })).toEqual([
      100, 140,
    ]);
  });

  it('marks nothing without a thresholdRange', () => {
    expect(findFailedSamples(series, undefined)).toEqual([]);
  });
});
