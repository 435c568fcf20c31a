import { describe, expect, it } from 'vitest';
import { courseKey, feedbackScope, originOfScope, siteKey } from './scope.ts';

describe('feedback and pause keys', () => {
  it('keys a course by origin, LMS and course id', () => {
    expect(courseKey({ origin: 'https://zeestad.instructure.com', lms: 'canvas', courseId: '5120' })).toBe('course:https://zeestad.instructure.com|canvas|5120');
  });

  it('keeps the same course id on two sites apart', () => {
    const a = courseKey({ origin: 'https://a.instructure.com', lms: 'canvas', courseId: '5120' });
    const b = courseKey({ origin: 'https://b.instructure.com', lms: 'canvas', courseId: '5120' });
    expect(a).not.toBe(b);
  });

  it('keeps the same id in two LMSs on one host apart', () => {
    expect(courseKey({ origin: 'https://elo.school.nl', lms: 'moodle', courseId: '12' })).not.toBe(courseKey({ origin: 'https://elo.school.nl', lms: 'generic', courseId: '12' }));
  });

  it('treats the origin case-insensitively, as browsers do', () => {
    expect(courseKey({ origin: 'https://ELO.School.nl', lms: 'moodle', courseId: '12' })).toBe(courseKey({ origin: 'https://elo.school.nl', lms: 'moodle', courseId: '12' }));
  });

  it('falls back to the site outside a course', () => {
    expect(courseKey({ origin: 'https://elo.school.nl', lms: 'moodle' })).toBeUndefined();
    expect(courseKey({ origin: 'https://elo.school.nl', lms: 'moodle', courseId: '  ' })).toBeUndefined();
    expect(feedbackScope({ origin: 'https://elo.school.nl', lms: 'moodle' })).toBe(siteKey('https://elo.school.nl'));
    expect(feedbackScope({ origin: 'https://elo.school.nl', lms: 'moodle', courseId: '7' })).toBe('course:https://elo.school.nl|moodle|7');
  });

  it('recovers the origin from either kind of key', () => {
    expect(originOfScope('course:https://elo.school.nl:8443|moodle|7')).toBe('https://elo.school.nl:8443');
    expect(originOfScope('site:http://localhost:8080')).toBe('http://localhost:8080');
    expect(originOfScope('nonsense')).toBeUndefined();
  });
});
