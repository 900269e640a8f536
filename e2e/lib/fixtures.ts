import type { BrowserContext, Page } from 'playwright-core';
import type { Mailbox } from './mailbox';

export interface Fixtures {
  /** Origin of the Kring server under test, e.g. http://localhost:43123 */
  baseUrl: string;
  /** A fresh browser context (its own profile: cookies, storage). Closed after the spec. */
  newContext(): Promise<BrowserContext>;
  /** A page in a fresh context; the usual way to play one user. */
  newPage(): Promise<Page>;
  /** Mails the server sent through SMTP during this run. */
  mailbox: Mailbox;
  /** Axe scan (WCAG 2.1 A/AA) that throws with a readable list of violations. */
  axe(page: Page, label: string): Promise<void>;
  /**
   * A named step, reported as its own test result. Steps run in order; after a failing step the
   * rest of the spec is skipped (later steps build on earlier ones).
   */
  step(name: string, fn: () => Promise<void>): Promise<void>;
}

export type Spec = (fx: Fixtures) => Promise<void>;

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

let userCounter = 0;
/** A unique user for this run. */
export function makeUser(prefix = 'user'): TestUser {
  userCounter += 1;
  const tag = `${Date.now().toString(36)}${userCounter}`;
  return { name: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${tag}`, email: `${prefix}-${tag}@example.test`, password: `Sterk-wachtwoord-${tag}` };
}

/**
 * Login fixture: creates the account through the API from inside the browser context, so the
 * session cookie lands in that context (faster than the sign-up form, which has its own spec).
 */
export async function signUpViaApi(context: BrowserContext, baseUrl: string, user: TestUser = makeUser()): Promise<TestUser> {
  const res = await context.request.post(`${baseUrl}/api/auth/sign-up`, {
    headers: { 'x-kring-csrf': '1', origin: baseUrl },
    data: { name: user.name, email: user.email, password: user.password, locale: 'nl' },
  });
  if (!res.ok()) throw new Error(`sign-up failed: ${res.status()} ${await res.text()}`);
  return user;
}

export async function signInViaApi(context: BrowserContext, baseUrl: string, user: TestUser): Promise<void> {
  const res = await context.request.post(`${baseUrl}/api/auth/sign-in`, {
    headers: { 'x-kring-csrf': '1', origin: baseUrl },
    data: { email: user.email, password: user.password },
  });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
}

/** JSON call to the API with the context's cookies (for arranging data a spec does not test). */
export async function api<T = unknown>(
  context: BrowserContext,
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await context.request.fetch(`${baseUrl}/api${path}`, {
    method,
    headers: { 'x-kring-csrf': '1', origin: baseUrl },
    ...(body === undefined ? {} : { data: body }),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} failed: ${res.status()} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
