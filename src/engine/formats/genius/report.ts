import type { Diagnostic } from '../../model/diagnostics.ts';
import type { SourceFile } from '../source-file.ts';
import { attrOffset, diagAt, type XmlElement } from './xml.ts';

/** Collects diagnostics for one file, located at elements or their attributes. */
export class FileReporter {
  constructor(
    readonly file: SourceFile,
    private readonly out: Diagnostic[],
  ) {}

  /** A problem at an element (or at one of its attributes when `attr` is given). */
  at(el: XmlElement | undefined, path: string, message: string, attr?: string): void {
    const offset = el === undefined ? undefined : attr ? attrOffset(this.file.text, el, attr) : el.offset;
    this.out.push(diagAt(this.file, offset, path, message));
  }

  get count(): number {
    return this.out.length;
  }
}
