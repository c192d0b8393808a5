// Imported before any zod schema is built in the renderer: zod's fast path probes `new Function` when a
// schema is built, which the renderer's CSP forbids (and reports as a violation), so it is switched off.
import { z } from 'zod';

z.config({ jitless: true });
