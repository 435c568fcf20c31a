/**
 * The adapters in the order they are tried: the first whose `detect` says yes reads the page. Adding an LMS
 * is one file in this folder and one line here, before `genericAdapter`, which accepts every page.
 */
import { blackboardAdapter } from './blackboard.ts';
import { brightspaceAdapter } from './brightspace.ts';
import { canvasAdapter } from './canvas.ts';
import { genericAdapter } from './generic.ts';
import { googleClassroomAdapter } from './google-classroom.ts';
import { itslearningAdapter } from './itslearning.ts';
import { moodleAdapter } from './moodle.ts';
import type { LmsAdapter } from '../types.ts';

export const adapters: readonly LmsAdapter[] = [
  moodleAdapter,
  canvasAdapter,
  brightspaceAdapter,
  blackboardAdapter,
  itslearningAdapter,
  googleClassroomAdapter,
  genericAdapter,
];

export {
  blackboardAdapter,
  brightspaceAdapter,
  canvasAdapter,
  genericAdapter,
  googleClassroomAdapter,
  itslearningAdapter,
  moodleAdapter,
};
