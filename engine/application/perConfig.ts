import type { RegionConfig } from '../../config/types/RegionConfig.ts';

/**
 * Memoises `build(config, key)` per config object and key: compiled forms, validators and calendars
 * are built once per config version (a RegionConfig is frozen and loaded once per version) and are
 * released with it.
 */
export function perConfig<T>(build: (config: RegionConfig, key: string) => T): (config: RegionConfig, key?: string) => T {
  const cache = new WeakMap<RegionConfig, Map<string, T>>();
  return (config, key = '') => {
    let byKey = cache.get(config);
    if (!byKey) cache.set(config, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, build(config, key));
    return byKey.get(key)!;
  };
}
