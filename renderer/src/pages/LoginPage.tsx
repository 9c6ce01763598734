/** Sign-in with login and password; afterwards back to where the user came from, or to their landing page. */
import { useState, type FormEvent } from 'react';
import { isApiError } from '../api/ApiError.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { navigate } from '../routing/useHashLocation.ts';
import { landingFor } from '../session/landingFor.ts';
import { useSession } from '../session/SessionContext.tsx';

export function LoginPage({ back }: { back: string | null }) {
  const { signIn } = useSession();
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!loginName.trim() || !password) {
      setError('Введите логин и пароль');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(loginName.trim(), password);
      navigate(back && back.startsWith('/') ? back : await landingFor(user));
    } catch (err) {
      setError(isApiError(err) ? err.message : 'Не удалось войти. Повторите попытку.');
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle text="Вход">Вход</PageTitle>
      <form className="narrow-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="login">Логин</label>
          <input id="login" className="input" autoComplete="username" value={loginName} onChange={(e) => setLoginName(e.target.value)} required aria-describedby={error ? 'login-error' : undefined} />
        </div>
        <div className="field">
          <label htmlFor="password">Пароль</label>
          <input id="password" className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required aria-describedby={error ? 'login-error' : undefined} />
        </div>
        {error && (
          <p id="login-error" className="form-failure" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Вход…' : 'Войти'}
        </button>
      </form>
    </>
  );
}
