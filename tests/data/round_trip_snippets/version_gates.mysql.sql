-- MySQL version gates around whole columns and keys: MySQL 5.7+ runs them, MariaDB skips them
-- (it skips every gate from 50700 on), so the round trip must write each gate back.
CREATE TABLE place (
  /*!50705 first_shape GEOMETRY NULL,*/
  id INT NOT NULL,
  /*!50705 shape GEOMETRY NOT NULL,*/
  name VARCHAR(40) NOT NULL /*!50100 COMMENT 'gated attribute, not a column' */,
  /*!40101 old_enough INT DEFAULT 3,*/
  PRIMARY KEY (id),
  /*!50705 SPATIAL KEY `place_shape` (shape),*/
  KEY place_name (name)
  /*!50705 , last_shape GEOMETRY NULL */
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
