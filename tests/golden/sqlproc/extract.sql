-- Rule 1, extract: model output -> the SQL text (format: see tables.sql; compared as text).

-- case: trailing semicolon
SELECT * FROM detailedstrain;
-- expect:
SELECT * FROM detailedstrain

-- case: brackets around the answer (the thesis's model)
[SELECT count(*) FROM detailedstrain WHERE genus = 'Aspergillus';]
-- expect:
SELECT count(*) FROM detailedstrain WHERE genus = 'Aspergillus'

-- case: brackets with the semicolon after them (the thesis's stray-character case)
[SELECT * FROM detailedstrain WHERE riskgroup = 2];
-- expect:
SELECT * FROM detailedstrain WHERE riskgroup = 2

-- case: code fence with prose before and after
Here is the query you asked for:
```sql
SELECT accessionnumber
FROM detailedstrain
WHERE genus = 'Penicillium';
```
It returns the Penicillium strains.
-- expect:
SELECT accessionnumber
FROM detailedstrain
WHERE genus = 'Penicillium'

-- case: unclosed fence (generation stopped)
```sql
SELECT count(*) FROM detailedstrain
-- expect:
SELECT count(*) FROM detailedstrain

-- case: inline code
The answer is `SELECT count(*) FROM detailedstrain` which counts all strains.
-- expect:
SELECT count(*) FROM detailedstrain

-- case: prose with the word select before the SQL, an apostrophe after it
To select the yeasts: SELECT * FROM detailedstrain WHERE organismtype = 'Yeasts'
That's all.
-- expect:
SELECT * FROM detailedstrain WHERE organismtype = 'Yeasts'

-- case: a semicolon inside a string is not the end
SELECT * FROM detailedstrain WHERE remarks = 'a;b'; -- done
-- expect:
SELECT * FROM detailedstrain WHERE remarks = 'a;b'

-- case: WITH query
WITH y AS (SELECT * FROM detailedstrain WHERE organismtype = 'Yeasts') SELECT count(*) FROM y;
-- expect:
WITH y AS (SELECT * FROM detailedstrain WHERE organismtype = 'Yeasts') SELECT count(*) FROM y

-- case: a non-read statement is extracted for the guard to name
DELETE FROM detailedstrain
-- expect:
DELETE FROM detailedstrain

-- case: no SQL at all
I am sorry, I cannot answer that question.
-- reject: the model did not produce a SQL query

-- case: prose that mentions select but holds no query
You could select the strains by hand, with care.
-- reject: the model did not produce a SQL query

-- case: a broken query is named as such
Here: SELECT * FROM WHERE genus = 'x'
-- reject: not valid SQL

-- case: stacked after the query
SELECT 1; DROP TABLE detailedstrain
-- reject: only one SQL statement is allowed

-- case: stacked before the query, hidden in prose
Sure. DROP TABLE detailedstrain; SELECT 1
-- reject: only one SQL statement is allowed

-- case: stacked on the next line after prose with an apostrophe
SELECT 1;
DELETE FROM detailedstrain; it's done
-- reject: only one SQL statement is allowed

-- case: a statement in the prose around a code block
First DELETE FROM querylog; then run
```sql
SELECT count(*) FROM detailedstrain
```
-- reject: only one SQL statement is allowed

-- case: zero-width character
SEL​ECT 1
-- reject: invisible or control character

-- case: backticks inside a string literal are not a code span (found by the property test)
SELECT '`(`' AS v
-- expect:
SELECT '`(`' AS v

-- case: a query quoted inside a literal stays inside it
SELECT strainid FROM detailedstrain WHERE substrate = '`SELECT 1`'
-- expect:
SELECT strainid FROM detailedstrain WHERE substrate = '`SELECT 1`'
