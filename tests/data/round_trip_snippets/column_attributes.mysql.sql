-- MySQL column and key attributes: BINARY collations, unsigned, zerofill, charsets, key prefixes
-- and index comments.
CREATE TABLE staff (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  password VARCHAR(40) BINARY DEFAULT NULL,
  code CHAR(3) BINARY CHARACTER SET latin1 NOT NULL,
  raw BINARY(16) NOT NULL,
  flag BINARY NOT NULL,
  n INT(8) UNSIGNED ZEROFILL,
  bio MEDIUMTEXT,
  ratio DOUBLE(15,8),
  PRIMARY KEY (id),
  KEY staff_bio (bio(20)) COMMENT 'search by the start of the bio',
  UNIQUE KEY staff_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX staff_password ON staff (password) COMMENT 'lookups';
