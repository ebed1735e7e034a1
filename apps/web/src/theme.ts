import { Alert, Anchor, Badge, createTheme, NavLink, type CSSVariablesResolver } from '@mantine/core';

/**
 * The look, held to WCAG AA contrast (the browser tests run axe-core on every main page): filled colours at
 * their darkest shade, black or white text on them by the colour's luminance (0.18 keeps 4.5:1 either
 * way), and badges that keep their whole word in a narrow table column.
 */
export const theme = createTheme({
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.18,
  components: {
    Badge: Badge.extend({
      defaultProps: { tt: 'none' },
      styles: { root: { minWidth: 'max-content' } },
    }),
    // An alert's title in the text colour: its tinted colour on the tinted background is under 4.5:1.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // A link in a sentence is told apart by more than its colour.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // The page you are on, filled: the light variant's blue on pale blue is 3.4:1.
    NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }),
  },
});

/** "Dimmed" text dark enough to read (Mantine's default grey is 3.3:1 on white). */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7] },
  dark: {},
});
