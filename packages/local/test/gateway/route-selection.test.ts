import { compileRouteSelection, formatClfTime, newAwsStyleId } from '@wsapp/local';

describe('route selection expressions', () => {
  it('selects the action field by default expression', () => {
    expect(compileRouteSelection('$request.body.action')('{"action":"join"}')).toBe('join');
  });

  it('follows nested fields and stringifies numbers and booleans', () => {
    const select = compileRouteSelection('$request.body.meta.kind');
    expect(select('{"meta":{"kind":7}}')).toBe('7');
    expect(select('{"meta":{"kind":true}}')).toBe('true');
  });

  it('combines several variables with literal text', () => {
    const select = compileRouteSelection('${request.body.service}/${request.body.action}');
    expect(select('{"service":"chat","action":"send"}')).toBe('chat/send');
  });

  it('selects nothing for a body that is not JSON, a missing field, or an object value', () => {
    const select = compileRouteSelection('$request.body.action');
    expect(select('not json')).toBeUndefined();
    expect(select('{"other":1}')).toBeUndefined();
    expect(select('{"action":{"a":1}}')).toBeUndefined();
    expect(select('[1,2]')).toBeUndefined();
  });

  it('rejects an expression without a request.body variable, saying what is supported', () => {
    expect(() => compileRouteSelection('$request.header.x')).toThrow(/use \$request\.body\.NAME/);
  });
});

describe('API Gateway formats', () => {
  it('writes requestTime in UTC Common Log Format', () => {
    expect(formatClfTime(Date.UTC(2024, 10, 11, 11, 35, 24, 553))).toBe('11/Nov/2024:11:35:24 +0000');
    expect(formatClfTime(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('02/Jan/2025:03:04:05 +0000');
  });

  it('makes 16-character URL-safe ids that end in =', () => {
    const ids = new Set(Array.from({ length: 100 }, newAwsStyleId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{15}=$/);
  });
});
