-- | Public entry point of lensql.
module Lensql
  ( module Lensql.Types
  , module Lensql.QQ
  , checkQuery
  ) where

import Lensql.Types
import Lensql.QQ
import Lensql.Syntax (Dialect (..))
import Lensql.TypeCheck (typeCheck)
import qualified Lensql.Parser.Postgres as Pg
import qualified Lensql.Parser.Sqlite as Lite

-- | Parse and type-check one statement against a schema.
checkQuery :: Dialect -> Schema -> String -> Either LensqlError [Column]
checkQuery dialect schema src = do
  stmt <- case dialect of
    Postgres -> Pg.parseStatement "<query>" src
    Sqlite   -> Lite.parseStatement "<query>" src
  typeCheck schema stmt
