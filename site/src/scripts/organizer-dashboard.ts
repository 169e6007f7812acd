import { setUpBadgePrinting } from './badge-printing.ts';
import { byId } from './dom.ts';
import { setUpMessagePreview } from './message-preview.ts';
import { loadFigures, type OrganizerContext } from './organizer-figures.ts';
import { pageText } from './page-text.ts';
import { loadFirstPage, setUpRegistrationList } from './registration-list.ts';
import { loadScanFigures } from './scan-figures.ts';
import { setUpSignIn } from './staff-session.ts';

const root = byId('organizer');
const text = pageText<'organizer.' | 'session.' | 'status.' | 'api.'>(root);
const categoryNames: Record<string, string> = JSON.parse(root.dataset.categories ?? '{}');
const workspace = byId('organizer-workspace');
const status = byId('organizer-status');

/** The signed-in organizer's context; undefined while signed out. */
let context: (OrganizerContext & { text: typeof text; decided(): void }) | undefined;

const session = setUpSignIn({
  text,
  onSignIn(token) {
    context = {
      token,
      text,
      categoryNames,
      announce: (message) => {
        status.textContent = message;
      },
      refused(code) {
        if (code === 401) return session.signOut(text.t('session.rejected'));
        // A check-in token is valid, just not here: the link to the check-in page stays in view.
        workspace.hidden = true;
        status.textContent = text.t('organizer.checkinOnly');
      },
      decided: () => void (context && loadFigures(context)),
    };
    void open(context);
  },
  onSignOut() {
    context = undefined;
    workspace.hidden = true;
    status.textContent = '';
  },
});

async function open(signedIn: NonNullable<typeof context>): Promise<void> {
  status.textContent = text.t('organizer.loading');
  if (!(await loadFigures(signedIn))) return;
  await loadScanFigures(signedIn);
  status.textContent = '';
  workspace.hidden = false;
  await loadFirstPage(signedIn);
}

setUpRegistrationList(() => context);
setUpBadgePrinting(() => context);
setUpMessagePreview(() => context);
