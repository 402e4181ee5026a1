import { openRuntime } from '../runtime.js';

const { handle, applied } = await openRuntime(process.env);
console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database already up to date.');
await handle.close();
