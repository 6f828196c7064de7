import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');

let app: ReturnType<typeof mount> | undefined;
try {
  app = mount(App, { target });
} catch (e) {
  // A blank window helps no one at 02:40: say what failed, so it can be reported.
  target.textContent = `Krisledning kunde inte starta gränssnittet: ${e instanceof Error ? e.message : String(e)}`;
  target.setAttribute('role', 'alert');
  throw e;
}
export default app;
