/**
 * Frozen readers of older customer-state formats, one class per format, each a copy of what the
 * serializer read when that format was current and never changed afterwards. They exist only so that
 * a savepoint of an older format can migrate to the current one (docs/development.md, "Changing the
 * state format"). Empty of formats so far: format 9 is the first released one.
 */
package dev.customerpulse.state.format;
