import { readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';

/**
 * Reads a history file as Temporal's tools write it (`temporal workflow show -o json`: proto3
 * JSON) into the History message `Worker.runReplayHistory` takes.
 *
 * Why not the SDK's own `historyFromJSON`: in this install @temporalio/common carries a nested
 * protobufjs 8 whose JSON codec refuses the protobufjs 7 types @temporalio/proto resolves to
 * ("type must be a Type"). protobufjs 7's `fromObject` reads everything in proto3 JSON except
 * well-known types written as strings (timestamps, durations), which are converted here by
 * walking the message types.
 */

type Json = Record<string, unknown>;

interface ReflectedField {
  repeated: boolean;
  map: boolean;
  resolve(): ReflectedField;
  resolvedType: ReflectedType | { values: unknown } | null;
}
interface ReflectedType {
  fullName: string;
  fields: Record<string, ReflectedField>;
  fromObject(object: Json): unknown;
}

const HISTORY = temporal.api.history.v1.History as unknown as ReflectedType;

function timestamp(value: string): Json {
  const ms = Date.parse(value);
  const fraction = /\.(\d+)Z$/.exec(value)?.[1] ?? '';
  return {
    seconds: String(Math.floor(ms / 1000)),
    nanos: Number(fraction.padEnd(9, '0').slice(0, 9)),
  };
}

function duration(value: string): Json {
  const seconds = Number(value.replace(/s$/, ''));
  const whole = Math.trunc(seconds);
  return { seconds: String(whole), nanos: Math.round((seconds - whole) * 1e9) };
}

function revive(type: ReflectedType, json: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(json)) {
    const field = type.fields[key];
    if (!field || value === null) continue;
    const resolved = field.resolve().resolvedType;
    const convert = (v: unknown): unknown => {
      if (!resolved || !('fields' in resolved)) return v;
      if (resolved.fullName === '.google.protobuf.Timestamp' && typeof v === 'string')
        return timestamp(v);
      if (resolved.fullName === '.google.protobuf.Duration' && typeof v === 'string')
        return duration(v);
      return typeof v === 'object' && v !== null ? revive(resolved, v as Json) : v;
    };
    if (field.map) {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, convert(v)]));
    } else if (field.repeated && Array.isArray(value)) {
      out[key] = value.map(convert);
    } else {
      out[key] = convert(value);
    }
  }
  return out;
}

export function historyFromFile(file: string): temporal.api.history.v1.IHistory {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  return HISTORY.fromObject(revive(HISTORY, json)) as temporal.api.history.v1.IHistory;
}
