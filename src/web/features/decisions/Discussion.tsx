import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal, ProposalComment } from '../../../contracts/decisions';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, TextArea, formStyles } from '../../ui/Form';
import { Card, EmptyState } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { focusSoon } from '../agenda/focus';
import { useAddComment } from './api';
import { focusFirstInvalid } from './focus';
import styles from './decisions.module.css';

function CommentForm({ proposalId, parent, onDone, onCancel }: { proposalId: string; parent?: ProposalComment; onDone: (id: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const add = useAddComment(proposalId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setError(t('decisions.discussion.required'));
      return focusFirstInvalid(e.currentTarget);
    }
    setError(undefined);
    add.mutate(
      { body: body.trim(), parentId: parent?.id ?? null },
      {
        onSuccess: (c) => {
          setBody('');
          onDone(c.id);
        },
      },
    );
  };
  return (
    <Form onSubmit={submit} className={styles.commentForm} data-testid={parent ? 'reply-form' : 'comment-form'}>
      <FormAlert error={add.error} />
      <TextArea
        id={parent ? `reply-${parent.id}` : 'new-comment'}
        label={parent ? t('decisions.discussion.replyTo', { name: parent.author?.name ?? t('decisions.discussion.someone') }) : t('decisions.discussion.newLabel')}
        value={body}
        maxLength={4000}
        rows={3}
        onChange={(e) => setBody(e.target.value)}
        error={error ?? fieldError(add.error, 'body')}
      />
      <div className={formStyles.actions}>
        <Button type="submit" size={parent ? 'small' : 'md'} disabled={add.isPending}>
          {add.isPending ? t('common.working') : parent ? t('decisions.discussion.sendReply') : t('decisions.discussion.send')}
        </Button>
        {onCancel && (
          <Button variant="secondary" size="small" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </Form>
  );
}

function Comment({ comment }: { comment: ProposalComment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <article id={`comment-${comment.id}`} tabIndex={-1} className={styles.comment} aria-label={t('decisions.discussion.by', { name: comment.author?.name ?? t('decisions.discussion.someone') })}>
      <p className={styles.commentMeta}>
        <strong>{comment.author?.name ?? t('decisions.discussion.someone')}</strong> <span className={styles.muted}>{fmt.dateTime(comment.createdAt)}</span>
      </p>
      <p className={styles.text}>{comment.body}</p>
    </article>
  );
}

/** The conversation about the proposal: comments with one level of replies. Observers read along. */
export function Discussion({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const top = proposal.comments.filter((c) => !c.parentId);
  const repliesOf = (id: string) => proposal.comments.filter((c) => c.parentId === id);
  const may = proposal.rights.comment;
  const done = (id: string) => {
    setReplyTo(null);
    setAnnouncement(t('decisions.discussion.posted'));
    focusSoon(`comment-${id}`);
  };
  return (
    <Card aria-labelledby="discussion-h" data-testid="discussion">
      <h2 id="discussion-h">{t('decisions.discussion.title', { count: proposal.comments.length })}</h2>
      {!may && <p className={styles.muted}>{t('decisions.discussion.readOnly')}</p>}
      {top.length === 0 ? (
        <EmptyState>{t('decisions.discussion.empty')}</EmptyState>
      ) : (
        <ul className={styles.thread}>
          {top.map((c) => (
            <li key={c.id}>
              <Comment comment={c} />
              {repliesOf(c.id).length > 0 && (
                <ul className={styles.replies} aria-label={t('decisions.discussion.repliesTo', { name: c.author?.name ?? t('decisions.discussion.someone') })}>
                  {repliesOf(c.id).map((r) => (
                    <li key={r.id}>
                      <Comment comment={r} />
                    </li>
                  ))}
                </ul>
              )}
              {may &&
                (replyTo === c.id ? (
                  <div className={styles.replies}>
                    <CommentForm
                      proposalId={proposal.id}
                      parent={c}
                      onDone={done}
                      onCancel={() => {
                        setReplyTo(null);
                        focusSoon(`reply-button-${c.id}`);
                      }}
                    />
                  </div>
                ) : (
                  <Button
                    id={`reply-button-${c.id}`}
                    variant="quiet"
                    size="small"
                    onClick={() => {
                      setReplyTo(c.id);
                      focusSoon(`reply-${c.id}`);
                    }}
                    aria-label={t('decisions.discussion.replyLabel', { name: c.author?.name ?? t('decisions.discussion.someone') })}
                  >
                    {t('decisions.discussion.reply')}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {may && (
        <>
          <h3>{t('decisions.discussion.newTitle')}</h3>
          <CommentForm proposalId={proposal.id} onDone={done} />
        </>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </Card>
  );
}
