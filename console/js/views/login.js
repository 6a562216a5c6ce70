// Login and signup. The session cookie is set by the server; the JWT stays in memory (api.js).

import * as api from '../api.js';
import { h, replace, busy } from '../dom.js';

/**
 * message: shown above the form (e.g. "You were signed out." or a server error).
 * onSignedIn(): what to do once a JWT is held.
 */
export function render(main, { message = '', onSignedIn }) {
  let mode = 'login';
  const notice = h('p', { class: 'notice', role: 'status', dataset: { test: 'login-message' }, hidden: !message }, message);
  const error = h('p', { class: 'form-error', role: 'alert', dataset: { test: 'login-error' } });
  const email = h('input', { id: 'login-email', type: 'email', name: 'email', required: true, autocomplete: 'username', dataset: { test: 'login-email' } });
  const password = h('input', { id: 'login-password', type: 'password', name: 'password', required: true, autocomplete: 'current-password', dataset: { test: 'login-password' } });
  const workspace = h('input', { id: 'signup-workspace', name: 'workspaceName', autocomplete: 'organization', dataset: { test: 'signup-workspace' } });
  const workspaceField = h('div', { class: 'field', hidden: true }, h('label', { for: workspace.id }, 'Workspace name'), workspace);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', dataset: { test: 'login-submit' } }, 'Log in');
  const title = h('h1', { id: 'login-title' }, 'Log in');
  const toggle = h('button', { type: 'button', class: 'link-button', dataset: { test: 'signup-toggle' }, onclick: switchMode }, 'New here? Create a workspace');

  function switchMode() {
    mode = mode === 'login' ? 'signup' : 'login';
    const signup = mode === 'signup';
    title.textContent = signup ? 'Create a workspace' : 'Log in';
    submit.textContent = signup ? 'Create workspace' : 'Log in';
    toggle.textContent = signup ? 'Have an account? Log in' : 'New here? Create a workspace';
    workspaceField.hidden = !signup;
    workspace.required = signup;
    password.autocomplete = signup ? 'new-password' : 'current-password';
    error.textContent = '';
  }

  async function submitForm(event) {
    event.preventDefault();
    error.textContent = '';
    notice.hidden = true;
    await busy(submit, async () => {
      try {
        if (mode === 'signup') await api.signup(email.value.trim(), password.value, workspace.value.trim());
        await api.login(email.value.trim(), password.value);
      } catch (err) {
        // signup answers alike for an address that has an account (it tells no one who is registered):
        // then the login with the new password fails, and the person is told what that may mean
        error.textContent = mode === 'signup' && err.status === 401
          ? 'This address may already have an account: log in with its password.'
          : err.message;
        return;
      }
      password.value = '';
      await onSignedIn();
    });
  }

  replace(main, h('section', { class: 'login-panel', 'aria-labelledby': 'login-title' },
    h('p', { class: 'brand-large' }, 'Wevion token health'),
    title, notice,
    h('form', { onsubmit: submitForm, dataset: { test: 'login-form' }, 'aria-labelledby': 'login-title' },
      h('div', { class: 'field' }, h('label', { for: email.id }, 'Email'), email),
      h('div', { class: 'field' }, h('label', { for: password.id }, 'Password'), password),
      workspaceField, submit, error),
    toggle));
  email.focus();
}
