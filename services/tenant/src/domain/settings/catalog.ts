import { Type, type TSchema } from '@sinclair/typebox';

/** Who may change a setting: the practice owner (and ops), or only the ops team. */
export type EditableBy = 'owner' | 'ops';

export interface SettingDefinition {
  schema: TSchema;
  default: unknown;
  editableBy: EditableBy;
  description: string;
}

/**
 * Every setting and feature flag a practice has, with its type and default. Adding one here is all
 * it takes; values are stored only where they differ from the default.
 */
export const SETTINGS: Readonly<Record<string, SettingDefinition>> = {
  'letters.defaultPostageClass': {
    schema: Type.Union([Type.Literal('first_class'), Type.Literal('marketing'), Type.Literal('certified')]),
    default: 'first_class',
    editableBy: 'owner',
    description: 'Postage class preselected on new quotes',
  },
  'letters.colorPrinting': {
    schema: Type.Boolean(),
    default: false,
    editableBy: 'owner',
    description: 'Print in colour by default',
  },
  'notifications.replyToEmail': {
    schema: Type.Union([Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 254 }), Type.Null()]),
    default: null,
    editableBy: 'owner',
    description: 'Reply-to address on emails sent for the practice',
  },
  'orders.cancelWindowHours': {
    schema: Type.Integer({ minimum: 0, maximum: 168 }),
    default: 24,
    editableBy: 'ops',
    description: 'Hours after ordering during which the practice may cancel free of charge',
  },
  'pricing.perLetterOverrideCents': {
    schema: Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()]),
    default: null,
    editableBy: 'ops',
    description: 'Negotiated per-letter price, in cents (null: the price list)',
  },
  'features.complianceMonitoring': {
    schema: Type.Boolean(),
    default: true,
    editableBy: 'ops',
    description: 'Feature flag: automated compliance monitoring',
  },
  'features.smsNotifications': {
    schema: Type.Boolean(),
    default: false,
    editableBy: 'ops',
    description: 'Feature flag: SMS notifications',
  },
};
