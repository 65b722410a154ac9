{-# LANGUAGE OverloadedStrings #-}
-- | Read the schema from a running PostgreSQL database.
module Lensql.Schema.Live
  ( loadLiveSchema
  , tablesQuery
  ) where

import qualified Data.Map.Strict as Map
import Database.PostgreSQL.Simple (Query, connectPostgreSQL, query_, close)
import qualified Data.ByteString.Char8 as BS

import Lensql.Types

-- | Columns of every table visible to the loader.
tablesQuery :: Query
tablesQuery =
  "select table_name, column_name, data_type, is_nullable from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position"

loadLiveSchema :: String -> IO Schema
loadLiveSchema url = do
  conn <- connectPostgreSQL (BS.pack url)
  rows <- query_ conn tablesQuery
  close conn
  pure (foldr add Map.empty (rows :: [(String, String, String, String)]))
  where
    add (t, c, ty, nullable) =
      let col = Column c (maybe (SqlEnum ty) id (mapSqlType ty)) (nullable == "YES")
      in Map.insertWith merge t (Table t [col])
    merge (Table t new) (Table _ old) = Table t (new ++ old)
