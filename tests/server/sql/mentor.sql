-- Run by TestServerSchema as the mentor mira (mentor of hana, enrollment
-- :hana), beside otto (mentor of omar, enrollment :omar): each read and write
-- a mentor may not make is refused by the server itself. pgTAP; rolled back.
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(26);

SELECT is(onramp.current_person(), 'mira', 'the server knows the mentor by their role');

-- What a mentor reads: their mentees' enrollments and records; only their own slot.
SELECT results_eq('SELECT hire FROM onramp.enrollments', ARRAY['hana'], 'a mentor sees only their mentees'' enrollments');
SELECT is_empty(format('SELECT * FROM onramp.step_records WHERE enrollment_id = %s', :omar),
                'a mentor reads no step records of another mentor''s hire');
SELECT isnt_empty(format('SELECT * FROM onramp.step_records WHERE enrollment_id = %s', :hana),
                  'a mentor reads their mentee''s step records');
SELECT results_eq('SELECT name FROM onramp.key_slots', ARRAY['mira'], 'a mentor reads only their own key slot');

-- What a mentor writes: reviews and sign-offs of their own mentees' enrollments.
SELECT throws_ok(format($$INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, signature)
                          VALUES (%s, 'laptop', 'approved', 'mira', '\x00')$$, :omar),
                 '42501', NULL, 'a mentor cannot review another mentor''s hire');
SELECT throws_ok(format($$INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, signature)
                          VALUES (%s, 'laptop', 'approved', 'otto', '\x00')$$, :hana),
                 '42501', NULL, 'a mentor cannot review in another mentor''s name');
SELECT lives_ok(format($$INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, signature)
                         VALUES (%s, 'laptop', 'approved', 'mira', '\x00')$$, :hana),
                'a mentor reviews their mentee''s step');
SELECT throws_ok(format($$INSERT INTO onramp.signoffs (enrollment_id, version, author, signature)
                          VALUES (%s, 1, 'mira', '\x00')$$, :omar),
                 '42501', NULL, 'a mentor cannot sign off another mentor''s hire');
SELECT throws_ok(format($$INSERT INTO onramp.step_records (enrollment_id, step_id, author, signature)
                          VALUES (%s, 'vpn', 'mira', '\x00')$$, :hana),
                 '42501', NULL, 'a mentor cannot mark a hire''s step');

-- Grants: only the enrollment's mentor, and only while the gate is open.
SELECT throws_ok(format($$INSERT INTO onramp.grants (enrollment_id, credential, sealed, expires_at, author, signature)
                          VALUES (%s, 'prod-db', '\x00', now() + interval '1 day', 'mira', '\x00')$$, :hana),
                 '42501', NULL, 'no grant before the sign-off: the gate is closed');
SELECT lives_ok(format($$INSERT INTO onramp.signoffs (enrollment_id, version, author, signature)
                         VALUES (%s, 1, 'mira', '\x00')$$, :hana),
                'a mentor signs off their mentee');
SELECT throws_ok(format($$INSERT INTO onramp.signoffs (enrollment_id, version, author, signature)
                          VALUES (%s, 1, 'mira', '\x00')$$, :hana),
                 '23505', NULL, 'a second sign-off of the same version is refused');
SELECT lives_ok(format($$INSERT INTO onramp.grants (enrollment_id, credential, sealed, expires_at, author, signature)
                         VALUES (%s, 'prod-db', '\x00', now() + interval '1 day', 'mira', '\x00')$$, :hana),
                'once the gate is open the mentor grants');
SELECT throws_ok(format($$INSERT INTO onramp.grants (enrollment_id, credential, sealed, expires_at, author, signature)
                          VALUES (%s, 'prod-db', '\x00', now() + interval '2 days', 'mira', '\x00')$$, :hana),
                 '23505', NULL, 'a second live grant of the same credential is refused');
SELECT throws_ok(format($$INSERT INTO onramp.grants (enrollment_id, credential, sealed, expires_at, author, signature)
                          VALUES (%s, 'prod-db', '\x00', now() + interval '1 day', 'mira', '\x00')$$, :omar),
                 '42501', NULL, 'a mentor cannot grant to another mentor''s hire');

-- Only admins write people, checklists and enrollments.
SELECT throws_ok($$INSERT INTO onramp.enrollments (hire, mentor, checklist_id, version, start_date, author, signature)
                   VALUES ('omar', 'mira', 'week-one', 1, current_date, 'mira', '\x00')$$,
                 '42501', NULL, 'a mentor cannot enroll');
SELECT throws_ok($$INSERT INTO onramp.checklists (id, title) VALUES ('mine', 'Mine')$$,
                 '42501', NULL, 'a mentor cannot add a checklist');
SELECT throws_ok($$UPDATE onramp.people SET full_name = 'x' WHERE name = 'mira'$$,
                 '42501', NULL, 'a mentor cannot change a person');
SELECT is((SELECT count(*) FROM (SELECT 1 FROM onramp.key_slots WHERE name = 'hana') AS slots)::int, 0,
          'a mentor cannot see a hire''s key slot');
SELECT throws_ok($$UPDATE onramp.audit SET action = 'nothing'$$, '42501', NULL, 'a mentor cannot edit the audit log');
SELECT throws_ok($$DELETE FROM onramp.audit$$, '42501', NULL, 'a mentor cannot delete from the audit log');
SELECT throws_ok($$TRUNCATE onramp.audit$$, '42501', NULL, 'a mentor cannot truncate the audit log');

-- A mentor reads the whole log but records no admin's act.
SELECT throws_ok($$SELECT onramp.append_audit('person.disable', '\x7b7d', decode(repeat('00', 64), 'hex'),
                                            (SELECT seq + 1 FROM onramp.audit_head), (SELECT hash FROM onramp.audit_head))$$,
                 '42501', NULL, 'a mentor cannot record disabling a person');
SELECT throws_ok($$SELECT onramp.append_audit('passphrase.reset', '\x7b7d', decode(repeat('00', 64), 'hex'),
                                            (SELECT seq + 1 FROM onramp.audit_head), (SELECT hash FROM onramp.audit_head))$$,
                 '42501', NULL, 'a mentor cannot record a passphrase reset');
SELECT throws_ok($$SELECT onramp.append_audit('step.done', '\x7b7d', decode(repeat('00', 64), 'hex'),
                                            (SELECT seq + 1 FROM onramp.audit_head), (SELECT hash FROM onramp.audit_head))$$,
                 '42501', NULL, 'a mentor cannot record a hire''s step');

SELECT * FROM finish();
ROLLBACK;
