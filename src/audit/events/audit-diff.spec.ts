import { diffJson } from './audit-diff';

describe('diffJson', () => {
  it('lists every field of a creation as added', () => {
    expect(diffJson(null, { name: 'Ana', roles: ['police'] })).toEqual({
      added: [
        { path: '/name', value: 'Ana' },
        { path: '/roles', value: ['police'] },
      ],
      removed: [],
      changed: [],
    });
  });

  it('lists every field of a removal as removed', () => {
    expect(diffJson({ name: 'Ana' }, undefined)).toEqual({ added: [], removed: [{ path: '/name', value: 'Ana' }], changed: [] });
  });

  it('is empty for equal values, whatever their key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, { d: 2 }] } }, { b: { c: [1, { d: 2 }] }, a: 1 })).toEqual({ added: [], removed: [], changed: [] });
    expect(diffJson(null, null)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('names changed, added and removed fields at any depth with old and new values', () => {
    const before = { status: 'active', version: 1, address: { district: '8-05', line: 'Calle 5' }, phone: '6000-0000' };
    const after = { status: 'suspended', version: 2, address: { district: '8-05', line: 'Calle 6', floor: 2 }, statusReason: 'x' };
    expect(diffJson(before, after)).toEqual({
      added: [
        { path: '/address/floor', value: 2 },
        { path: '/statusReason', value: 'x' },
      ],
      removed: [{ path: '/phone', value: '6000-0000' }],
      changed: [
        { path: '/address/line', old: 'Calle 5', new: 'Calle 6' },
        { path: '/status', old: 'active', new: 'suspended' },
        { path: '/version', old: 1, new: 2 },
      ],
    });
  });

  it('compares arrays index by index', () => {
    expect(diffJson({ roles: ['police'] }, { roles: ['police', 'auditor'] }).added).toEqual([{ path: '/roles/1', value: 'auditor' }]);
    expect(diffJson({ roles: ['police', 'auditor'] }, { roles: ['admin'] })).toEqual({
      added: [],
      removed: [{ path: '/roles/1', value: 'auditor' }],
      changed: [{ path: '/roles/0', old: 'police', new: 'admin' }],
    });
  });

  it('reports a change of kind (null to object, scalar to array) as one change of that field', () => {
    expect(diffJson({ jurisdiction: null }, { jurisdiction: ['8-05'] }).changed).toEqual([
      { path: '/jurisdiction', old: null, new: ['8-05'] },
    ]);
    expect(diffJson({ a: { b: 1 } }, { a: 'flat' }).changed).toEqual([{ path: '/a', old: { b: 1 }, new: 'flat' }]);
  });

  it('treats undefined members as absent, as JSON does', () => {
    expect(diffJson({ a: 1, b: undefined }, { a: 1 })).toEqual({ added: [], removed: [], changed: [] });
  });

  it('escapes "/" and "~" in member names as JSON Pointer does', () => {
    expect(diffJson({}, { 'a/b': 1, 'c~d': 2 }).added.map((entry) => entry.path)).toEqual(['/a~1b', '/c~0d']);
  });

  it('reports differing scalars at the root with the empty path', () => {
    expect(diffJson(1, 2)).toEqual({ added: [], removed: [], changed: [{ path: '', old: 1, new: 2 }] });
  });
});
