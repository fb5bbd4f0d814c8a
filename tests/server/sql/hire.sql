-- Run by TestServerSchema as the hire hana (enrollment :hana, mentor mira),
-- beside omar (enrollment :omar, mentor otto): each read and write a hire
-- may not make is refused by the server itself. pgTAP; rolled back at the end.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(43);

SELECT is(session_user::text, 'onramp_p_hana', 'signed in as the hire''s own login role');
SELECT is(onramp.current_person(), 'hana', 'the server knows the hire by their role');

-- What a hire reads: their own enrollment, steps, grants; their own slot.
SELECT results_eq('SELECT hire FROM onramp.enrollments', ARRAY['hana'], 'a hire sees only their own enrollment');
SELECT is_empty(format('SELECT * FROM onramp.step_records WHERE enrollment_id = %s', :omar),
                'a hire reads no other hire''s step records');
SELECT isnt_empty(format('SELECT * FROM onramp.step_records WHERE enrollment_id = %s', :hana),
                  'a hire reads their own step records');
SELECT is_empty('SELECT * FROM onramp.reviews WHERE enrollment_id <> ' || :hana, 'a hire reads no other hire''s reviews');
SELECT is_empty('SELECT * FROM onramp.grants WHERE enrollment_id <> ' || :hana, 'a hire reads no other hire''s grants');
SELECT is_empty('SELECT * FROM onramp.signoffs WHERE enrollment_id <> ' || :hana, 'a hire reads no other hire''s sign-offs');
SELECT results_eq('SELECT name FROM onramp.key_slots', ARRAY['hana'], 'a hire reads only their own key slot');
SELECT results_eq('SELECT hire FROM onramp.credentials', ARRAY['hana'],
                  'a hire reads only their own credentials: no other hire''s, no production secret');
SELECT is_empty($$SELECT * FROM onramp.audit WHERE actor <> 'hana'
                   AND action NOT IN ('team.init', 'person.add', 'person.disable', 'passphrase.reset',
                                      'checklist.import', 'checklist.save', 'enrollment.create')$$,
                'a hire reads no one else''s audit entries but who is who, the checklists'' and enrollments''');
SELECT results_eq($$SELECT convert_from(content, 'UTF8')::jsonb ->> 'name' FROM onramp.audit
                     WHERE action = 'enrollment.create'$$, ARRAY['hana'],
                  'a hire reads the entry of their own enrollment, no other hire''s');
SELECT is(onramp.is_hire_of(:omar) OR onramp.is_mentor_of(:omar), false,
          'the server''s helpers tell a hire nothing of another enrollment');

-- What a hire writes: their own step records, through the server's
-- functions only (no table privilege, so no row lock either), and nothing else.
SELECT lives_ok(format($$SELECT onramp.record_step(%s, 'vpn', now(), '')$$, :hana),
                'a hire marks their own step done through the server''s function');
SELECT lives_ok(format($$SELECT onramp.undo_step(%s, 'vpn')$$, :hana),
                'a hire undoes their own step through the server''s function');
SELECT throws_ok(format($$SELECT onramp.record_step(%s, 'vpn', now(), '')$$, :omar),
                 '42501', NULL, 'a hire cannot mark another hire''s step through the function');
SELECT throws_ok(format($$SELECT onramp.undo_step(%s, 'laptop')$$, :omar),
                 '42501', NULL, 'a hire cannot undo another hire''s step through the function');
SELECT throws_ok(format($$UPDATE onramp.step_records SET note = 'done twice' WHERE enrollment_id = %s AND step_id = 'laptop'$$, :hana),
                 '42501', NULL, 'a hire cannot edit a step record directly');
SELECT throws_ok(format($$DELETE FROM onramp.step_records WHERE enrollment_id = %s$$, :hana),
                 '42501', NULL, 'a hire cannot remove a step record directly');
SELECT throws_ok(format($$SELECT 1 FROM onramp.step_records WHERE enrollment_id = %s FOR KEY SHARE$$, :hana),
                 '42501', NULL, 'a hire cannot lock a step record');
SELECT throws_ok(format($$INSERT INTO onramp.step_records (enrollment_id, step_id, author, signature)
                          VALUES (%s, 'vpn', 'hana', '\x00')$$, :omar),
                 '42501', NULL, 'a hire cannot mark another hire''s step');
SELECT throws_ok(format($$INSERT INTO onramp.step_records (enrollment_id, step_id, author, signature)
                          VALUES (%s, 'vpn', 'omar', '\x00')$$, :hana),
                 '42501', NULL, 'a hire cannot write a step record in someone else''s name');
SELECT throws_ok(format($$INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, signature)
                          VALUES (%s, 'laptop', 'approved', 'hana', '\x00')$$, :hana),
                 '42501', NULL, 'a hire cannot review their own step');
SELECT throws_ok(format($$INSERT INTO onramp.signoffs (enrollment_id, version, author, signature)
                          VALUES (%s, 1, 'mira', '\x00')$$, :hana),
                 '42501', NULL, 'a hire cannot sign themselves off');
SELECT throws_ok(format($$INSERT INTO onramp.grants (enrollment_id, credential, sealed, expires_at, author, signature)
                          VALUES (%s, 'prod-db', '\x00', now() + interval '1 day', 'mira', '\x00')$$, :hana),
                 '42501', NULL, 'a hire cannot grant themselves production access');
SELECT throws_ok($$INSERT INTO onramp.enrollments (hire, mentor, checklist_id, version, start_date, author, signature)
                   VALUES ('hana', 'otto', 'week-one', 1, current_date, 'hana', '\x00')$$,
                 '42501', NULL, 'a hire cannot enroll');
SELECT throws_ok(format($$UPDATE onramp.enrollments SET mentor = 'otto' WHERE id = %s$$, :hana),
                 '42501', NULL, 'a hire cannot change their enrollment');
SELECT throws_ok($$UPDATE onramp.people SET full_name = 'Admin' WHERE name = 'hana'$$,
                 '42501', NULL, 'a hire cannot change a person');
SELECT throws_ok($$SELECT onramp.add_person('mallory', 'admin', '', '\x00', 'SCRAM-SHA-256$4096:AA==$AA==:AA==', '\x00')$$,
                 '42501', NULL, 'a hire cannot add a person');
SELECT throws_ok($$INSERT INTO onramp.credentials (hire, name, environment, box, author, signature)
                   VALUES ('hana', 'prod-db', 'sandbox', '\x00', 'hana', '\x00')$$,
                 '42501', NULL, 'a hire cannot keep a credential');
SELECT throws_ok($$INSERT INTO onramp.checklist_versions (checklist_id, version, content, author, signature)
                   VALUES ('week-one', 2, '\x00', 'hana', '\x00')$$,
                 '42501', NULL, 'a hire cannot import a checklist version');

-- The audit log: appended through the server's function only, never changed.
SELECT lives_ok($$SELECT onramp.append_audit('step.done', '\x01', decode(repeat('00', 64), 'hex'),
                                            (SELECT seq + 1 FROM onramp.audit_head), (SELECT hash FROM onramp.audit_head))$$,
                'a hire appends an audit entry through the server''s function');
SELECT throws_ok($$INSERT INTO onramp.audit (seq, prev_hash, hash, actor, action, content, signature)
                   VALUES (999, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'), 'hana', 'x', '\x00',
                           decode(repeat('00', 64), 'hex'))$$,
                 '42501', NULL, 'a hire cannot insert into the audit log directly');
SELECT throws_ok($$UPDATE onramp.audit SET action = 'nothing'$$, '42501', NULL, 'a hire cannot edit the audit log');
SELECT throws_ok($$DELETE FROM onramp.audit$$, '42501', NULL, 'a hire cannot delete from the audit log');
SELECT throws_ok($$TRUNCATE onramp.audit$$, '42501', NULL, 'a hire cannot truncate the audit log');
SELECT throws_ok($$SELECT onramp.append_audit('step.done', '\x01', '\x00',
                                            (SELECT seq + 1 FROM onramp.audit_head), (SELECT hash FROM onramp.audit_head))$$, '22023', NULL,
                 'an audit entry without a whole signature is refused');

SELECT throws_ok($$SELECT onramp.append_audit('step.approve', '\x7b7d', decode(repeat('00', 64), 'hex'),
                                            (SELECT seq + 1 FROM onramp.audit_head), (SELECT hash FROM onramp.audit_head))$$,
                 '42501', NULL, 'a hire cannot record a mentor''s approval');
SELECT throws_ok($$SELECT seq FROM onramp.audit_head FOR UPDATE$$, '42501', NULL,
                 'a hire cannot lock the audit log''s head');
SELECT throws_ok($$SELECT onramp.end_sessions('mira')$$, '42501', NULL, 'a hire cannot end someone''s sessions');

-- Who is who: only an admin records it, and only an admin changes it.
SELECT throws_ok($$SELECT onramp.append_audit('person.add', '\x7b7d', decode(repeat('00', 64), 'hex'),
                                            (SELECT seq + 1 FROM onramp.audit_head), (SELECT hash FROM onramp.audit_head))$$,
                 '42501', NULL, 'a hire cannot record adding a person');
SELECT throws_ok($$SELECT onramp.append_audit('team.init', '\x7b7d', decode(repeat('00', 64), 'hex'),
                                            (SELECT seq + 1 FROM onramp.audit_head), (SELECT hash FROM onramp.audit_head))$$,
                 '42501', NULL, 'a hire cannot record a team''s set-up');
SELECT throws_ok($$SELECT onramp.reset_person('mira', 'SCRAM-SHA-256$4096:AAAA$AAAA:AAAA', '\x00',
                                              decode(repeat('00', 32), 'hex'))$$,
                 '42501', NULL, 'a hire cannot reset a passphrase');

SELECT * FROM finish();
ROLLBACK;
